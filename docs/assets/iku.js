// "Cetak" buttons print the page. Kept as a file (no inline script) and re-bound after
// Material's instant navigation would replace the content.
document.addEventListener("click", function (event) {
  var target = event.target instanceof Element ? event.target.closest("[data-iku-cetak]") : null;
  if (target) {
    event.preventDefault();
    window.print();
  }
});

// The printed page's address (a margin box of docs/assets/cetak.css). A build with a site_url
// writes it into the page (overrides/main.html, next to the canonical link); otherwise it is the
// address the page was opened at, when that is a web address. Every character becomes a CSS hex
// escape, so the address can never end the CSS string.
(function () {
  var root = document.documentElement;
  var protocol = window.location.protocol;
  if (protocol !== "http:" && protocol !== "https:") return;
  if (document.querySelector('link[rel="canonical"]')) return;
  var escaped = Array.from(window.location.href.split("#")[0], function (ch) {
    return "\\" + ch.codePointAt(0).toString(16).padStart(6, "0") + " ";
  }).join("");
  root.style.setProperty("--iku-cetak-alamat", '"' + escaped + '"');
})();

// A table that scrolls inside its box on a narrow screen must be reachable by keyboard (WCAG
// 2.1.1; axe "scrollable-region-focusable"): like Material does for code blocks, a scroll box
// that overflows gets a tab stop and a name (its table's caption); one that fits gets none.
(function () {
  function mark() {
    var boxes = document.querySelectorAll(".md-typeset__scrollwrap");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.scrollWidth > box.clientWidth + 1) {
        if (box.getAttribute("tabindex") === "0") continue;
        var caption = box.querySelector("caption");
        var name = caption ? caption.textContent.trim() : "";
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", name ? "Tabel: " + name : "Tabel");
      } else if (box.hasAttribute("tabindex")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    }
    document.documentElement.setAttribute("data-iku-tabel", "siap");
  }
  // Material wraps Markdown tables in a scroll box when it mounts the page (document$): run
  // after that, and again when the width changes.
  function later() { window.setTimeout(mark, 0); }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(later);
  else document.addEventListener("DOMContentLoaded", later);
  window.addEventListener("resize", later);
})();
