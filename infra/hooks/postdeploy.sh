#!/usr/bin/env bash
# Subscribes the blob trigger to blob-created events under connections/.
# Flex Consumption runs blob triggers only with the Event Grid source, and the subscription's webhook needs the
# blob extension's system key, which exists only once the code is deployed: hence a post-deploy hook, not Bicep.
# Idempotent: `event-subscription create` is a create-or-update, so re-running refreshes the endpoint and key.
set -euo pipefail

# The [Function] name of the blob trigger in src/GoodwillFlow.Functions (the infra tests hold the two together).
readonly BLOB_TRIGGER_FUNCTION='ConnectionsUploadFunction'
readonly SUBSCRIPTION_NAME='connections-upload'
readonly SUBJECT_PREFIX='/blobServices/default/containers/connections/'
readonly ATTEMPTS=12
# Seconds between attempts; overridable so the hook's own tests need not wait.
readonly WAIT_SECONDS="${POSTDEPLOY_RETRY_SECONDS:-10}"

fail() { echo "postdeploy: $*" >&2; exit 1; }

command -v az >/dev/null 2>&1 || fail "the Azure CLI (az) is not on PATH; install it, run 'az login', then 'azd hooks run postdeploy'."
az account show --output none 2>/dev/null || fail "the Azure CLI is not signed in; run 'az login' (azd's sign-in is separate), then 'azd hooks run postdeploy'."

# azd passes the provisioning outputs to hooks as environment variables.
for name in AZURE_RESOURCE_GROUP AZURE_FUNCTION_APP_NAME AZURE_EVENTGRID_SYSTEM_TOPIC_NAME; do
  [ -n "${!name:-}" ] || fail "$name is not set; run 'azd provision' first."
done

host=$(az functionapp show --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME" \
  --query defaultHostName --output tsv) || fail "cannot read function app $AZURE_FUNCTION_APP_NAME in $AZURE_RESOURCE_GROUP."
[ -n "$host" ] || fail "function app $AZURE_FUNCTION_APP_NAME has no host name yet."

# Key Vault references: one that failed to resolve at start (typically the identity's role not yet propagated) stays
# unresolved for up to a day, and the app then runs without its reply-link signing key. Ask the platform for their
# status and restart the app, which makes it resolve them again.
app_id=$(az functionapp show --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME" \
  --query id --output tsv) || fail "cannot read the resource id of function app $AZURE_FUNCTION_APP_NAME."
unresolved_references() {
  az rest --method get --uri "${app_id}/config/configreferences/appsettings?api-version=2024-11-01" \
    --query "value[?properties.status!='Resolved'].name" --output tsv 2>/dev/null | tr -d '\r' | grep -v '^$' || true
}
unresolved=$(unresolved_references)
for attempt in $(seq 1 "$ATTEMPTS"); do
  [ -z "$unresolved" ] && break
  echo "postdeploy: Key Vault reference(s) not resolved: $(echo "$unresolved" | tr '\n' ' ')- restarting the app ($attempt/$ATTEMPTS)..."
  az functionapp restart --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME" --output none \
    || fail "cannot restart function app $AZURE_FUNCTION_APP_NAME."
  sleep "$WAIT_SECONDS"
  unresolved=$(unresolved_references)
done
if [ -n "$unresolved" ]; then
  echo "postdeploy: warning: Key Vault reference(s) still unresolved: $(echo "$unresolved" | tr '\n' ' ')- check that the app's identity has 'Key Vault Secrets User' on the vault, then run 'az functionapp restart' (the app answers 503 naming the setting until then)." >&2
else
  echo "postdeploy: every Key Vault reference of $AZURE_FUNCTION_APP_NAME is resolved."
fi

# The host creates the key when it first indexes the blob trigger, shortly after the deployment starts it.
key=''
for attempt in $(seq 1 "$ATTEMPTS"); do
  key=$(az functionapp keys list --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME" \
    --query systemKeys.blobs_extension --output tsv 2>/dev/null || true)
  [ -n "$key" ] && break
  echo "postdeploy: waiting for the blob extension key ($attempt/$ATTEMPTS)..."
  sleep "$WAIT_SECONDS"
done
[ -n "$key" ] || fail "no blobs_extension system key on $AZURE_FUNCTION_APP_NAME. Is the $BLOB_TRIGGER_FUNCTION blob trigger deployed and the app running? Check its logs in Application Insights, then run 'azd hooks run postdeploy'."

endpoint="https://${host}/runtime/webhooks/blobs?functionName=Host.Functions.${BLOB_TRIGGER_FUNCTION}&code=${key}"

# Event Grid validates the webhook with a handshake the app answers; a cold start can miss the first one.
for attempt in $(seq 1 "$ATTEMPTS"); do
  if az eventgrid system-topic event-subscription create \
    --name "$SUBSCRIPTION_NAME" \
    --resource-group "$AZURE_RESOURCE_GROUP" \
    --system-topic-name "$AZURE_EVENTGRID_SYSTEM_TOPIC_NAME" \
    --endpoint-type webhook \
    --endpoint "$endpoint" \
    --included-event-types Microsoft.Storage.BlobCreated \
    --subject-begins-with "$SUBJECT_PREFIX" \
    --output none; then
    echo "postdeploy: uploads to the connections container now start $BLOB_TRIGGER_FUNCTION (Event Grid subscription $SUBSCRIPTION_NAME)."
    exit 0
  fi
  echo "postdeploy: Event Grid could not validate the webhook yet ($attempt/$ATTEMPTS); retrying..."
  sleep "$WAIT_SECONDS"
done
fail "could not create Event Grid subscription $SUBSCRIPTION_NAME on $AZURE_EVENTGRID_SYSTEM_TOPIC_NAME. Check that $AZURE_FUNCTION_APP_NAME is running, then run 'azd hooks run postdeploy'."
