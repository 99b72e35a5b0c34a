// dossier's reading aids, on every page; the site reads the same without them.
//
// 1. Previews: a link that carries a `title` (wikilinks, actor mentions, excerpt markers: the
//    build writes there what the link names: the passage, the actor, the incident) shows it in
//    a small box on hover and on keyboard focus, which touch screens and keyboards lack with a
//    plain tooltip. Everything comes from the page itself: nothing is fetched, so it works from
//    file:// as over http.
// 2. On an article page, the keys j and k (or n and p) move to the next and previous excerpt:
//    its reference link takes the focus, and its passage is filled and scrolled into view.
(function () {
  "use strict";

  var box = null;
  var owner = null;

  function hide() {
    if (box) box.hidden = true;
    if (owner) owner.removeAttribute("aria-describedby");
    owner = null;
  }

  function show(link) {
    var text = link.getAttribute("data-preview");
    if (!text) return;
    if (!box) {
      box = document.createElement("div");
      box.id = "dossier-preview";
      box.className = "preview";
      box.setAttribute("role", "tooltip");
      box.hidden = true;
      document.body.appendChild(box);
    }
    box.textContent = text;
    box.hidden = false;
    owner = link;
    link.setAttribute("aria-describedby", box.id);
    var r = link.getBoundingClientRect();
    var width = Math.min(360, document.documentElement.clientWidth - 16);
    box.style.maxWidth = width + "px";
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    box.style.left = left + "px";
    var below = r.bottom + window.scrollY + 6;
    box.style.top = below + "px";
    // Above the link when there is no room below it.
    var height = box.offsetHeight;
    if (r.bottom + 6 + height > window.innerHeight && r.top - 6 - height > 0) {
      box.style.top = (r.top + window.scrollY - 6 - height) + "px";
    }
  }

  function previewable(target) {
    var link = target && target.closest ? target.closest("main a[title], main a[data-preview]") : null;
    if (!link) return null;
    // The title moves to data-preview, so that the browser's own tooltip does not show twice.
    if (link.hasAttribute("title")) {
      link.setAttribute("data-preview", link.getAttribute("title"));
      link.removeAttribute("title");
    }
    return link;
  }

  document.addEventListener("mouseover", function (e) {
    var link = previewable(e.target);
    if (link && link !== owner) show(link);
  });
  document.addEventListener("mouseout", function (e) {
    if (owner && !owner.contains(e.relatedTarget)) hide();
  });
  document.addEventListener("focusin", function (e) {
    var link = previewable(e.target);
    if (link) show(link); else hide();
  });
  document.addEventListener("focusout", hide);

  // Keyboard: j/n next excerpt, k/p previous, Escape closes a preview.
  var refs = null;
  var current = -1;
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { hide(); return; }
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var step = { j: 1, n: 1, k: -1, p: -1 }[e.key];
    if (!step) return;
    if (!refs) refs = Array.prototype.slice.call(document.querySelectorAll(".body .excerpt-ref a"));
    if (!refs.length) return;
    var focused = refs.indexOf(document.activeElement);
    if (focused >= 0) current = focused;
    current = Math.max(0, Math.min(refs.length - 1, current + step));
    e.preventDefault();
    var id = (refs[current].getAttribute("href") || "").split("/").filter(Boolean);
    id = id[id.length - 1] === "index.html" ? id[id.length - 2] : id[id.length - 1];
    var marks = document.querySelectorAll("mark.excerpt.current");
    for (var i = 0; i < marks.length; i++) marks[i].classList.remove("current");
    var mine = document.querySelectorAll('mark.excerpt[data-excerpt="' + (window.CSS && CSS.escape ? CSS.escape(id) : id) + '"]');
    for (var m = 0; m < mine.length; m++) mine[m].classList.add("current");
    if (mine.length) mine[0].scrollIntoView({ block: "center" });
    refs[current].focus({ preventScroll: mine.length > 0 });
  });
})();
