// "Cetak" buttons print the page. Kept as a file (no inline script) and re-bound after
// Material's instant navigation would replace the content.
document.addEventListener("click", function (event) {
  var target = event.target instanceof Element ? event.target.closest("[data-iku-cetak]") : null;
  if (target) {
    event.preventDefault();
    window.print();
  }
});
