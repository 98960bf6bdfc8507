export { tokenize, decodeJSONString, type LexResult, type LexComment } from './lexer.js';
export { Tok, TOKEN_NAMES, KEYWORDS, isKeyword, isKeywordToken, tokenName, type Token } from './tokens.js';
