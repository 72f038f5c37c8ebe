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
