#!/usr/bin/env bash
# Pins the generated secrets in the azd environment before the first provision, and records whether the signed-in
# account is a user or a service principal (AZURE_PRINCIPAL_TYPE) for the role assignments.
# main.bicep can generate them (newGuid() defaults), but a default is re-evaluated on every deployment: without
# this hook each `azd up` would invalidate the reply links in prompts already sent and the Inbound Parse URL
# configured in SendGrid. The values live in .azure/<env>/.env (git-ignored) and in Key Vault.
set -euo pipefail

if ! command -v azd >/dev/null 2>&1; then
  echo "preprovision: the Azure Developer CLI (azd) is not on PATH." >&2
  exit 1
fi

random_base64() { head -c "$1" /dev/urandom | base64 | tr -d '\n'; }
random_hex() { head -c "$1" /dev/urandom | od -An -v -tx1 | tr -d ' \n'; }

# azd passes the environment's values to hooks as environment variables.
if [ -z "${REPLY_SIGNING_KEY:-}" ]; then
  azd env set REPLY_SIGNING_KEY "$(random_base64 48)"
  echo "preprovision: generated REPLY_SIGNING_KEY (48 random bytes) for this environment."
fi

if [ -z "${INBOUND_SECRET:-}" ]; then
  azd env set INBOUND_SECRET "$(random_hex 24)"
  echo "preprovision: generated INBOUND_SECRET for this environment."
fi

# Role assignments name the principal's type; 'User' for a service principal (azd signed in from CI) fails with
# UnmatchedPrincipalType. Older azd versions do not set AZURE_PRINCIPAL_TYPE, so derive it from the signed-in account.
if [ -z "${AZURE_PRINCIPAL_TYPE:-}" ]; then
  account_type=''
  if command -v az >/dev/null 2>&1; then
    account_type=$(az account show --query user.type --output tsv 2>/dev/null || true)
  fi
  case "$account_type" in
    servicePrincipal) principal_type='ServicePrincipal' ;;
    user) principal_type='User' ;;
    # No Azure CLI sign-in to ask: a pipeline signs azd in with a client id, a person does not.
    *) if [ -n "${AZURE_CLIENT_ID:-}" ]; then principal_type='ServicePrincipal'; else principal_type='User'; fi ;;
  esac
  azd env set AZURE_PRINCIPAL_TYPE "$principal_type"
  echo "preprovision: signed in as a ${principal_type}; set AZURE_PRINCIPAL_TYPE=${principal_type}."
fi
