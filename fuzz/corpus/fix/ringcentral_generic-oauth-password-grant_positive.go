// x/oauth2 pointed at RingCentral's token endpoint.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/grokify/goauth/endpoints"
	"golang.org/x/oauth2"
)

func main() {
	ctx := context.Background()
	conf := &oauth2.Config{
		ClientID:     os.Getenv("RINGCENTRAL_CLIENT_ID"),
		ClientSecret: os.Getenv("RINGCENTRAL_CLIENT_SECRET"),
		Endpoint:     oauth2.Endpoint{TokenURL: endpoints.RingcentralTokenURL},
	}
	tok, err := conf.PasswordCredentialsToken(ctx, os.Getenv("RINGCENTRAL_USERNAME"), os.Getenv("RINGCENTRAL_PASSWORD")) // expect: ringcentral/generic-oauth-password-grant
	fmt.Println(tok, err)
	tok2, err := conf.PasswordCredentialsToken(ctx, "+16505550100", "hunter2") // expect: ringcentral/generic-oauth-password-grant
	fmt.Println(tok2, err)
}
