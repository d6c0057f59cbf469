// Briefly highlights what a live update just changed.
export function flash(element) {
  element.classList.remove('changed');
  // Reading layout restarts the CSS animation when the same element changes again quickly.
  void element.offsetWidth;
  element.classList.add('changed');
}
