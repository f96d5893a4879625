// x/oauth2 without the password grant.
package idp

import (
	"context"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

func tokens(ctx context.Context, conf *oauth2.Config, code, verifier string) {
	_, _ = (&clientcredentials.Config{ClientID: "c", TokenURL: "https://id.example.org/oauth/token"}).Token(ctx)
	_, _ = conf.Exchange(ctx, code, oauth2.VerifierOption(verifier))
}
