// ln-tui's page for textual-serve (app_index.html): its buttons start the session again, and a tab
// the server refused (more tabs than it allows) says why. A file of its own: the page's
// Content-Security-Policy allows no inline script.
"use strict";

const REFUSED_TAB = 4429; // ln_tui/serve.py: the close code of a tab over the cap

function startUrl() {
  const url = new URL(window.location.href);
  const params = new URLSearchParams(url.search);
  params.delete("delay");
  return url.pathname + "?" + params.toString();
}

// textual.js makes the page's one WebSocket when the page has loaded; this runs before.
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
  constructor(url, protocols) {
    super(url, protocols);
    this.addEventListener("close", (event) => {
      if (event.code === REFUSED_TAB) {
        for (const id of ["ended", "again"]) {
          const element = document.getElementById(id);
          element.textContent = element.dataset.refused;
        }
      }
    });
  }
};

document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button.restart")) {
    button.addEventListener("click", () => {
      window.location.href = startUrl();
    });
  }
});
