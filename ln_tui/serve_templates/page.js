// ln-tui's page for textual-serve (app_index.html): its buttons start the session again.
// A file of its own: the page's Content-Security-Policy allows no inline script.
"use strict";

function startUrl() {
  const url = new URL(window.location.href);
  const params = new URLSearchParams(url.search);
  params.delete("delay");
  return url.pathname + "?" + params.toString();
}

document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button.restart")) {
    button.addEventListener("click", () => {
      window.location.href = startUrl();
    });
  }
});
