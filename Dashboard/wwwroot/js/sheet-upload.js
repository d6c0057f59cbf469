// A sheet filled in a spreadsheet (figures, or a county's grassroots unions), sent to its import as its bytes with the
// charset it was saved in, and the answer told in the sender's words: what was accepted, or each cell to fix, by line and column.
import { ApiError } from './api.js';
import { escapeHtml } from './escape-html.js';

// Excel in a Chinese locale saves "CSV (逗号分隔)" in GBK, "CSV UTF-8" in UTF-8; whatever is not UTF-8 is read as GB18030.
function charsetOf(bytes) {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

// Refusals that name no cell, in the page's words; any other is told as the API said it.
const REFUSALS = {
  413: '文件超过 16 MB，请拆分后分别上传',
  429: '上传过于频繁，请稍后重试',
  503: '数据库暂时不可用，没有写入任何数据，请稍后重试',
};

// rows[5].会员人数 → 第 5 行 会员人数; "$" is the file as a whole.
function placeOf(key) {
  if (key === '$') return '文件';
  const [, line, column] = key.match(/^rows\[(\d+)\](?:\.(.+))?$/) ?? [];
  return line ? `第 ${line} 行${column ? ` ${column}` : ''}` : key;
}

// send(bytes, charset) calls the import; accepted(answer) says what it took.
export async function uploadSheet(file, result, send, accepted) {
  result.hidden = false;
  result.className = 'upload-result';
  result.textContent = `正在导入 ${file.name} …`;
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    result.textContent = `已导入 ${file.name}：${accepted(await send(bytes, charsetOf(bytes)))}`;
    return true;
  } catch (error) {
    result.classList.add('refused');
    const errors = Object.entries(error instanceof ApiError ? error.problem?.errors ?? {} : {});
    result.innerHTML = errors.length === 0
      ? `${escapeHtml(file.name)} 未导入：${escapeHtml(REFUSALS[error.status] ?? error.detail ?? '请求失败，请稍后重试')}`
      : `${escapeHtml(file.name)} 未导入，请改正以下 ${errors.length} 处后重新上传：<ul>${errors.map(([key, messages]) =>
        `<li>${escapeHtml(placeOf(key))}：${escapeHtml(messages.join('；'))}</li>`).join('')}</ul>`;
    return false;
  }
}
