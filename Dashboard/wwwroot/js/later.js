// A task run once, a while after it is first asked for, however often it is asked for meanwhile: news that comes in
// bursts costs one fetch.
export class Later {
  #task;
  #handle = null;

  constructor(task) {
    this.#task = task;
  }

  // Runs the task in `delay` ms, unless it is already due.
  ask(delay) {
    if (this.#handle !== null) return;
    this.#handle = setTimeout(() => {
      this.#handle = null;
      this.#task();
    }, delay);
  }

  cancel() {
    clearTimeout(this.#handle);
    this.#handle = null;
  }
}
