package integrations

import "github.com/convene/convene/internal/web/route"

// Routes: API tokens for every signed-in user; webhooks for members of an
// organization; their API (tokens: sessions only).
func (a *Area) Routes() []route.Route {
	org := route.Only(route.Enterprise, route.Delegation)
	return []route.Route{
		{Pattern: "GET /integrations/tokens", Access: route.SignedIn, Handle: a.tokensPage},
		{Pattern: "POST /integrations/tokens", Access: route.SignedIn, Handle: a.tokenCreatePost},
		{Pattern: "POST /integrations/tokens/{id}/revoke", Access: route.SignedIn, Handle: a.tokenRevokePost},
		{Pattern: "GET /integrations/webhooks", Access: org, Handle: a.webhooksPage},
		{Pattern: "POST /integrations/webhooks", Access: org, Handle: a.webhookCreatePost},
		{Pattern: "GET /integrations/webhooks/{id}", Access: org, Handle: a.webhookPage},
		{Pattern: "POST /integrations/webhooks/{id}/test", Access: org, Handle: a.webhookTestPost},
		{Pattern: "POST /integrations/webhooks/{id}/rotate", Access: org, Handle: a.webhookRotatePost},
		{Pattern: "POST /integrations/webhooks/{id}/enable", Access: org, Handle: a.webhookEnablePost},
		{Pattern: "POST /integrations/webhooks/{id}/disable", Access: org, Handle: a.webhookDisablePost},
		{Pattern: "POST /integrations/webhooks/{id}/delete", Access: org, Handle: a.webhookDeletePost},
		{Pattern: "GET /integrations/deliveries/{id}", Access: org, Handle: a.deliveryPage},
		{Pattern: "POST /integrations/deliveries/{id}/redeliver", Access: org, Handle: a.redeliverPost},

		{Pattern: "GET /api/v1/tokens", Access: route.SignedIn, Handle: a.apiTokens},
		{Pattern: "POST /api/v1/tokens", Access: route.SignedIn, Handle: a.apiTokenCreate},
		{Pattern: "DELETE /api/v1/tokens/{id}", Access: route.SignedIn, Handle: a.apiTokenRevoke},
		{Pattern: "GET /api/v1/webhooks", Access: org, Handle: a.apiWebhooks},
		{Pattern: "POST /api/v1/webhooks", Access: org, Handle: a.apiWebhookCreate},
		{Pattern: "POST /api/v1/webhooks/{id}/test", Access: org, Handle: a.apiWebhookTest},
		{Pattern: "POST /api/v1/webhook-deliveries/{id}/redeliver", Access: org, Handle: a.apiRedeliver},
	}
}
