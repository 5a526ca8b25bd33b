/** Limits on what a request body may hold; shared by the parsers and their error messages. */
export const BODY_LIMIT = '100kb';
export const BODY_LIMIT_TEXT = '100 kB';
/** Form fields in one urlencoded body (body-parser's own default). */
export const PARAMETER_LIMIT = 1000;
