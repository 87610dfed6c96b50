/**
 * What `npm start` prints about the local host's keys: where they are, and the master key that
 * `POST /admin/functions/{name}` needs, as in Azure (there: `az functionapp keys list`).
 */
export function hostKeysBanner(api: string, keysFile: string, masterKey: string): string {
  return `
Function keys (checked as in Azure: x-functions-key header or ?code=) are in ${keysFile}
  (gitignored; delete it for new ones). Operator routes, webhooks, health and the console need none.
  The admin endpoints need the master key:
  export FUNCTIONS_MASTER_KEY='${masterKey}'
  curl -si -X POST ${api}/admin/functions/nightlyAudit -H "x-functions-key: $FUNCTIONS_MASTER_KEY" \\
    -H 'content-type: application/json' -d '{"input":""}'
`;
}
