/**
 * One valid create body per channel kind (without its name), for the conformance suite
 * (test/channels/conformance.test.ts), which fails for a registered kind that has none here. Each fills
 * every secret field, so masking and redaction are checked on each, and gives https public URLs, so
 * production accepts it.
 */
export const KIND_EXAMPLES: Readonly<Record<string, { type: string } & Record<string, unknown>>> = {
  webhook: {
    type: "webhook",
    url: "https://hooks.example.com/lubdub",
    secret: `whsec_${"A".repeat(40)}`,
    // Sorted first among the request's headers, so an echo of them shows it within the excerpt kept.
    headers: { Authorization: "Bearer sk_live_4eC39HqLyjWDarjtT1zdp7dc" },
  },
  slack: { type: "slack", url: "https://hooks.slack.com/services/T0ABCDEF1/B0ABCDEF2/xoxbSecretTokenPart123" },
  discord: { type: "discord", url: "https://discord.com/api/webhooks/123456789/tokenSecretPart0123456789" },
  teams: {
    type: "teams",
    url: "https://prod-01.westus.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=sigSecret0123456789",
  },
  pagerduty: { type: "pagerduty", routing_key: "R0123456789abcdef0123456789abcde", severity: "error" },
  opsgenie: { type: "opsgenie", api_key: "eb243592-faa2-4ba2-a551-1afdf565c889", region: "eu" },
  ntfy: { type: "ntfy", server: "https://ntfy.example.com", topic: "ops-alerts", token: "tk_abcdefghijklmnopqrstuvwxyz012" },
  telegram: { type: "telegram", bot_token: "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", chat_id: "-1001234567890" },
  google_chat: {
    type: "google_chat",
    url: "https://chat.googleapis.com/v1/spaces/AAAAbcdefgh/messages?key=AIzaKeySecret0123&token=tokSecret0123456789",
  },
  mattermost: { type: "mattermost", url: "https://chat.example.com/hooks/xkgdhsecret0123456789abcd" },
  rocketchat: { type: "rocketchat", url: "https://rocket.example.com/hooks/abcSecret0123/defSecret456789" },
  zulip: {
    type: "zulip",
    site: "https://example.zulipchat.com",
    bot_email: "lubdub-bot@example.zulipchat.com",
    api_key: "abcdefghijklmnopqrstuvwxyz012345",
    stream: "ops",
  },
  matrix: {
    type: "matrix",
    homeserver: "https://matrix.example.org",
    room_id: "!roomid123:example.org",
    access_token: "syt_bHViZHVi_secretTokenPart_0abc12",
  },
  pushover: { type: "pushover", token: "azGDORePK8gMaC0QOYAMyEEuzJnyUi", user_key: "uQiRzpo4DXghDmr9QzzfQu27cmVRsG" },
  gotify: { type: "gotify", server: "https://gotify.example.com", token: "AbCdEf0123456789" },
  ilert: { type: "ilert", integration_key: "il1api0460d849fcdc753d4f9a1b2c3d", priority: "LOW" },
  alertops: { type: "alertops", api_key: "c8490f30-1492-4c85-8833-e1c8f10cd2a7", integration: "lubdub" },
  splunk_oncall: { type: "splunk_oncall", api_key: "5b6a9c2e-0f3d-4a71-9e8b-2c4d6f8a0b1c", routing_key: "database" },
  twilio_sms: {
    type: "twilio_sms",
    account_sid: "AC0123456789abcdef0123456789abcdef",
    auth_token: "f3a1c2e4b5d6978869a0b1c2d3e4f5a6",
    from: "+14155550100",
    to: "+14155550199",
  },
  twilio_voice: {
    type: "twilio_voice",
    account_sid: "AC0123456789abcdef0123456789abcdef",
    auth_token: "f3a1c2e4b5d6978869a0b1c2d3e4f5a6",
    from: "+14155550100",
    to: "+14155550199",
  },
};
