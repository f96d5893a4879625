// ringcentral-go's one-argument Authorize (JWT), and a policy engine's Authorize in the same file.
package main

import (
	"context"
	"os"

	"github.com/ringcentral/ringcentral-go"
)

// Mentions rcsdk only in this comment: the old SDK is gone.
func main() {
	rc := ringcentral.RestClient{ClientID: os.Getenv("RC_CLIENT_ID"), ClientSecret: os.Getenv("RC_CLIENT_SECRET")}
	rc.Authorize(ringcentral.GetTokenRequest{GrantType: "urn:ietf:params:oauth:grant-type:jwt-bearer", Assertion: os.Getenv("RC_JWT")})
	enforcer.Authorize(context.Background(), "alice", "data1", "read", true)
}
