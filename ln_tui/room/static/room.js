// The room's phone pages: live updates and private notes. Every form works without this file.
"use strict";
(function () {
  var NOTES_KEY = "ln-tui-private-notes";

  function formatTime(seconds) {
    if (seconds > -1) {
      var whole = Math.max(0, Math.ceil(seconds - 1e-9));
      return Math.floor(whole / 60) + ":" + String(whole % 60).padStart(2, "0");
    }
    var over = Math.floor(-seconds);
    return "+" + Math.floor(over / 60) + ":" + String(over % 60).padStart(2, "0");
  }

  function setText(id, text) {
    var node = document.getElementById(id);
    if (node && node.textContent !== text) node.textContent = text;
  }

  // Private notes: kept in this browser only, never sent anywhere.
  function keepNotes() {
    var notes = document.getElementById("private-notes");
    if (!notes) return;
    try {
      notes.value = window.localStorage.getItem(NOTES_KEY) || "";
      notes.addEventListener("input", function () {
        window.localStorage.setItem(NOTES_KEY, notes.value);
      });
    } catch (error) {
      notes.placeholder = "";
    }
  }

  // A cue to the speaker (ctrl+g on a seat): shown until it is cleared or the turn ends.
  function showCue(text) {
    var cue = document.getElementById("cue");
    if (!cue) return;
    var words = cue.querySelector("bdi") || cue;
    if (words.textContent !== text) words.textContent = text;
    cue.hidden = !text;
  }

  // The discussion: the clock counts down here between two looks at the console's state.
  function followDiscussion() {
    var live = document.getElementById("live");
    var clock = document.getElementById("clock");
    if (!live || !live.dataset.live) return;
    var remaining = clock ? parseFloat(clock.dataset.remaining) : 0;
    var running = clock ? clock.dataset.running === "yes" : false;
    var seenAt = Date.now();
    var questionRound = null;
    window.setInterval(function () {
      if (clock && running) {
        setText("clock", formatTime(remaining - (Date.now() - seenAt) / 1000));
      }
    }, 250);
    function look() {
      fetch(live.dataset.live, { credentials: "same-origin", cache: "no-store" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (state) {
          if (!state) return;
          showCue(state.cue || "");
          if (!state.open || !clock) {
            if (state.open !== !!clock) window.location.reload();
            return;
          }
          setText("round", state.round);
          setText("instruction", state.instruction);
          setText("speaker", state.speaker || clock.dataset.group || "");
          setText("next", state.next || "-");
          remaining = state.remaining;
          running = state.running;
          seenAt = Date.now();
          clock.classList.toggle("running", running);
          setText("clock", formatTime(remaining));
          // A question round or a written round began or ended: its form comes or goes with the page.
          var formRound = state.question_round + "/" + state.writing;
          if (questionRound !== null && questionRound !== formRound && !document.activeElement.matches("textarea")) {
            window.location.reload();
          }
          questionRound = formRound;
        })
        .catch(function () {});
    }
    look();
    window.setInterval(look, 2000);
  }

  // The kickoff board: votes and new items appear without reloading the page.
  function followBoard() {
    var board = document.getElementById("board");
    if (!board || !board.dataset.live) return;
    window.setInterval(function () {
      if (board.contains(document.activeElement)) return;
      fetch(board.dataset.live, { credentials: "same-origin", cache: "no-store" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (html === null) return;
          var fresh = new DOMParser().parseFromString(html, "text/html").body;
          board.replaceChildren.apply(board, Array.prototype.slice.call(fresh.childNodes));
        })
        .catch(function () {});
    }, 3000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    keepNotes();
    followDiscussion();
    followBoard();
  });
})();
