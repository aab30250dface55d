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
  email: { type: "email", from: "alerts@example.com", to: ["oncall@example.com"] },
  resend: { type: "resend", api_key: "re_8cN3xQpLk2VdT7sWmY4z", from: "alerts@example.com", to: ["oncall@example.com"] },
  postmark: {
    type: "postmark",
    server_token: "5a2c7b1e-9d34-4f6a-8e21-c0b9d7a4e3f1",
    from: "alerts@example.com",
    to: "oncall@example.com",
  },
  template: {
    type: "template",
    url: "https://api.example.com/v1/incidents",
    headers: { Authorization: "Bearer tpl_live_9XkQ2mVb7LwR4sT1" },
    secret: `whsec_${"B".repeat(40)}`,
    body: { opened: '{"title":"{{message.title}}","key":"{{alert.id}}"}', closed: '{"resolve":"{{alert.id}}"}' },
  },
};
