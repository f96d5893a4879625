// golang.org/x/oauth2 password grant against a generic server.
package idp

import (
	"context"

	"golang.org/x/oauth2"
)

func token(ctx context.Context, user string) (*oauth2.Token, error) {
	conf := &oauth2.Config{ClientID: "cli", Endpoint: oauth2.Endpoint{TokenURL: "https://id.example.org/oauth/token"}}
	return conf.PasswordCredentialsToken(ctx, user, "hunter2") // expect: oauth-ropc/go-oauth2-password
}
