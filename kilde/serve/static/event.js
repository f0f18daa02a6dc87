/* Event page: scroll each article box to its first trigger (or evidence) so the marks are in view. */
(function () {
  "use strict";
  document.querySelectorAll(".article-text").forEach(function (box) {
    var mark = box.querySelector("mark.hl-trigger") || box.querySelector("mark.hl-evidence");
    if (mark && box.scrollHeight > box.clientHeight) {
      box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - box.clientHeight / 3);
    }
  });
})();
