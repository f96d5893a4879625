// A ringcentral.com TokenURL literal is enough.
package main

import (
	"context"

	"golang.org/x/oauth2"
)

var conf = oauth2.Config{Endpoint: oauth2.Endpoint{TokenURL: "https://platform.ringcentral.com/restapi/oauth/token"}}

func token(ctx context.Context, user, pw string) (*oauth2.Token, error) {
	return conf.PasswordCredentialsToken(ctx, user, pw) // expect: ringcentral/generic-oauth-password-grant
}
