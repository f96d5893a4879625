// Already migrated to the JWT flow, plus look-alikes.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/grokify/goauth"
	"github.com/grokify/goauth/authutil"
	ro "github.com/grokify/goauth/ringcentral"
)

func main() {
	ctx := context.Background()
	creds := ro.CredentialsJWTBearer(os.Getenv("RC_CLIENT_ID"), os.Getenv("RC_CLIENT_SECRET"), os.Getenv("RC_JWT"), false)
	client, err := creds.NewClient(ctx)
	fmt.Println(client, err)

	oc := goauth.CredentialsOAuth2{GrantType: authutil.GrantTypeJWTBearer, JWT: os.Getenv("RC_JWT")}
	c2, err := oc.NewClient(ctx)
	fmt.Println(c2, err)

	// A password-reset helper of the app, not a login.
	ResetPassword(os.Getenv("RC_ADMIN_EMAIL"))
	newClientPasswordless()
}
