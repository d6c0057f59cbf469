// The reader's access key for deployments without anonymous read; kept per tab only (sessionStorage).
const STORAGE_KEY = 'coverage.accessKey';

export const accessKey = () => sessionStorage.getItem(STORAGE_KEY);

export const forgetAccessKey = () => sessionStorage.removeItem(STORAGE_KEY);

export const rememberAccessKey = key => sessionStorage.setItem(STORAGE_KEY, key.trim());

// rejected: why the last key was refused, when one was.
export function askForAccessKey({ rejected } = {}) {
  const dialog = document.getElementById('key-dialog');
  const input = document.getElementById('key-input');
  const error = document.getElementById('key-error');
  error.hidden = !rejected;
  error.textContent = rejected ?? '';
  input.value = '';
  return new Promise(resolve => {
    dialog.addEventListener('close', () => {
      rememberAccessKey(input.value);
      resolve();
    }, { once: true });
    // Escape would close the dialog without a key; the page cannot work without one.
    dialog.addEventListener('cancel', event => event.preventDefault());
    dialog.showModal();
  });
}
