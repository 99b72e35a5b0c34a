// dossier serve: live reload and the error overlay. Injected into the HTML pages that
// `dossier serve` answers with, never into what `dossier build` writes.
//
// The server tells every open page the state of the site over server-sent events: a token that
// changes with each rebuild, and the overlay's HTML when the last rebuild failed. A page
// reloads when the token differs from the one it was served with and the site builds; while it
// does not, it shows the overlay over the page instead (a page opened meanwhile shows it at
// once). EventSource reconnects by itself when the server restarts.
(function () {
  "use strict";
  var me = document.currentScript;
  var served = me ? me.getAttribute("data-token") : "";
  var shown = served;
  var host = null;

  function clear() {
    if (host) {
      host.remove();
      host = null;
    }
  }

  function show(html) {
    clear();
    host = document.createElement("dossier-serve-overlay");
    host.style.cssText = "all:initial;position:fixed;inset:0;z-index:2147483647;display:block";
    // A shadow root keeps the theme's styles off the overlay and the overlay's off the page.
    var root = host.attachShadow({ mode: "open" });
    root.innerHTML = html;
    var close = root.querySelector("[data-close]");
    if (close) {
      close.addEventListener("click", clear);
    }
    document.documentElement.appendChild(host);
  }

  // Browsers allow six connections to one server over HTTP/1.1, and each open page's event
  // stream holds one: a page out of sight lets its stream go, and catches up (reloads, or
  // shows the errors) when it is shown again.
  var events = null;
  function connect() {
    if (events) {
      return;
    }
    events = new EventSource("/__dossier/events");
    events.addEventListener("state", function (message) {
      var state = JSON.parse(message.data);
      if (state.errors) {
        if (state.token !== shown || !host) {
          shown = state.token;
          show(state.errors);
        }
      } else if (state.token !== served) {
        disconnect();
        location.reload();
      } else {
        clear();
      }
    });
  }
  function disconnect() {
    if (events) {
      events.close();
      events = null;
    }
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      disconnect();
    } else {
      connect();
    }
  });
  if (document.visibilityState !== "hidden") {
    connect();
  }
  // Let the server's connection go at once when the page does, so a reload is not held up.
  window.addEventListener("pagehide", disconnect);
})();
