// Org and station names come from the API and are put into HTML strings (tooltips, table rows).
export const escapeHtml = text => String(text).replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
