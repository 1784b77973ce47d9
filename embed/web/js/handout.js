// A take-home material's page: written by the server in its language; the
// only thing to do here is print (an inline handler would break the CSP).
const b = document.getElementById('print-btn');
if (b) b.addEventListener('click', () => window.print());
