// Changes asked for while a pointer is pressed on an element wait for the release, then run after the click it ends:
// a redraw under a press makes the browser, or the chart library, drop that click, and live updates come 4 times a second.
export class PressHold {
  #pressed = false;
  #waiting = [];

  constructor(element) {
    element.addEventListener('pointerdown', () => { this.#pressed = true; }, true);
    window.addEventListener('pointerup', () => this.#release(), true);
    window.addEventListener('pointercancel', () => this.#release(), true);
    // A release the page never sees (the window lost focus mid-press) must not hold updates for good.
    window.addEventListener('blur', () => this.#release());
  }

  run(change) {
    if (this.#pressed) this.#waiting.push(change);
    else change();
  }

  // For a change that replaces everything waiting, such as a new view.
  drop() {
    this.#waiting = [];
  }

  // A later task, so the click that ends the press reaches its target first.
  #release() {
    this.#pressed = false;
    setTimeout(() => {
      if (this.#pressed) return;
      for (const change of this.#waiting.splice(0)) change();
    });
  }
}
