// errdocs serve: reloads the page when the site was rebuilt. Injected by the preview
// server only; `errdocsGeneration` is the build this page comes from.
(function () {
  if (!window.EventSource) return;
  var events = new EventSource("/__errdocs/events");
  events.addEventListener("reload", function (event) {
    if (Number(event.data) !== errdocsGeneration) {
      events.close();
      location.reload();
    }
  });
})();
