import type { GateCase } from './gate-cases.js'

/** Issue 13 §4 (echoed secrets), §6 (answers that never finish), §7 (bytes in, same bytes out). */
export const GATE_CASES_TRANSPORT: GateCase[] = [
  {
    id: 'echo-hmac-key-base64',
    section: '13.4',
    fault: 'set-esvs: PUT /environment/secrets/{id} answered 400 {"message":"Invalid request: <the request body>"}',
    before:
      'the error and the summary printed the echoed request (`Invalid request: {"encoding":"base64hmac",…,"valueBase64":"***"}`): safe only because the echo was whole',
    after: 'the error keeps the status and code only, says the message was withheld; no form of the key anywhere'
  },
  {
    id: 'echo-ec-key-pem-168',
    section: '13.4',
    fault:
      'set-tenant-settings: POST /environment/certificates answered 400 "Invalid privateKey: <first 168 characters of the EC key PEM>"',
    before: 'the error and the summary printed `Invalid privateKey: -----BEGIN PRIVATE KEY----- *** *** <the cut last line of the key>`',
    after: 'the message is withheld; no run of the key in log, summary, outputs or error'
  },
  {
    id: 'echo-long-secret-cut-300',
    section: '13.4',
    fault: 'set-esvs: a 600-character secret; the tenant echoes the request body, cut to 300 characters by the error parser',
    before: 'the error printed the echo cut at 300 characters: the cut base64 of the secret, which no mask matches',
    after: 'the message is withheld, and any run of 8 characters of the base64 form is redacted wherever the action writes'
  },
  {
    id: 'echo-short-secret-base64',
    section: '13.4',
    fault: 'set-esvs: a 3-character secret; the tenant echoes {"valueBase64":"<4 characters>"}',
    before: 'the error and the summary printed `"valueBase64":"cTda"`, the base64 of the 3-character secret (never masked)',
    after: 'the message is withheld; the base64 form appears nowhere'
  },
  {
    id: 'echo-token-form-client-secret',
    section: '13.4',
    fault:
      'create-api-client: the identity token endpoint answers 400 invalid_request "Invalid request: grant_type=…&client_secret=<URL-encoded>"',
    before: 'the error and the summary printed the echoed form with the URL-encoded client secret (no mask matches that form)',
    after: 'the error shows code invalid_request and a withheld message; no form of the secret anywhere'
  },
  {
    id: 'echo-token-form-assertion',
    section: '13.4',
    fault: 'restart: the AM token endpoint answers 400 invalid_request echoing the form (the signed assertion, cut)',
    before: 'the error printed the echoed form with the signed assertion cut at 300 characters (no mask matches a cut form)',
    after: 'the message is withheld; nothing of the assertion is printed'
  },
  {
    id: 'echo-certificate-key-lines',
    section: '13.4',
    fault:
      'set-tenant-settings: POST /environment/certificates answered 400 "Invalid privateKey: <the RSA key PEM>" (lines joined by the parser)',
    before: "the error printed the key's lines joined by spaces up to 300 characters: whole lines masked, the cut last one in clear",
    after: 'the message is withheld; no line or run of the key anywhere'
  },
  {
    id: 'body-cut-mid-way',
    section: '13.6',
    fault: 'restart: GET /environment/startup answers headers and 5 bytes of the body, then drops the connection',
    before: 'node exited 0 with no output and no summary: the step passed having done nothing',
    after:
      'the cut answer is a network failure: retried (a single cut succeeds); a cut on every try fails with exit 1, a one-line error and the summary'
  },
  {
    id: 'body-dripped',
    section: '13.6',
    fault: 'restart: GET /environment/startup body dripped 1 byte every 100 ms (request-timeout 0.3 s)',
    before: 'the idle timeout reset on every byte: the answer took as long as the tenant dripped it (unbounded)',
    after: 'the attempt is cut at 3 request-timeouts (0.9 s) and retried; the step succeeds'
  },
  {
    id: 'body-endless',
    section: '13.6',
    fault: 'restart: GET /environment/startup answers 200 with a body that never ends',
    before: 'the body was buffered without limit: the step ran until it was killed',
    after: 'reading stops at 8 MiB: exit 1, an error naming the 8 MiB limit, no retry'
  },
  {
    id: 'body-empty-200',
    section: '13.6',
    fault: 'restart: GET /environment/startup answers 200 with an empty body, every time',
    before: "TypeError: Cannot read properties of undefined (reading 'restartStatus')",
    after: 'retried like a broken answer, then a one-line error naming GET /environment/startup and the empty body'
  },
  {
    id: 'body-null-200',
    section: '13.6',
    fault: 'restart: GET /environment/startup answers 200 with the JSON null, once',
    before: "TypeError: Cannot read properties of null (reading 'restartStatus')",
    after: 'retried: the next answer is read and the restart succeeds'
  },
  {
    id: 'token-type-dpop',
    section: '13.7',
    fault: 'restart: the AM token endpoint answers token_type "DPoP"',
    before: 'the DPoP token was sent as Authorization: Bearer on every request',
    after: 'refused before any API request: exit 1, "issued a token of type "DPoP", not Bearer"'
  },
  {
    id: 'binary-hmac-key-file',
    section: '13.7',
    fault: 'set-esvs: a base64hmac secret whose value-file holds 32 raw key bytes (not UTF-8)',
    before:
      'the bytes were decoded as UTF-8 (invalid bytes became U+FFFD), then refused as not base64; a generic secret was written corrupted',
    after: "the tenant holds exactly the file's bytes, base64-encoded as the encoding expects"
  }
]
