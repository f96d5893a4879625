// RingCentral with x/oauth2: the authorization-code flow, not the password grant.
package main

import (
	"context"

	"github.com/grokify/goauth/endpoints"
	"golang.org/x/oauth2"
)

func exchange(ctx context.Context, code, state, verifier string) (*oauth2.Token, error) {
	conf := &oauth2.Config{Endpoint: oauth2.Endpoint{TokenURL: endpoints.RingcentralTokenURL}}
	_ = conf.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier))
	return conf.Exchange(ctx, code, oauth2.VerifierOption(verifier))
}
