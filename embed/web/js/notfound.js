// The "no such room" page: the server wrote it in the browser's language;
// this only lets the reader switch.
import strings from '/static/i18n/notfound.js';
import { use } from '/static/js/i18n-dom.js';

use(strings);
