// JWT and refresh grants, and API definitions with Password fields (ringcentral-go definitions.go).
package main

import (
	"os"

	"github.com/grokify/goauth"
	"github.com/grokify/goauth/authutil"
	"github.com/ringcentral/ringcentral-go"
)

type MeetingRequestResource struct {
	Topic    string `json:"topic,omitempty"`
	Password string `json:"password,omitempty"`
}

func main() {
	_ = goauth.CredentialsOAuth2{GrantType: authutil.GrantTypeJWTBearer, JWT: os.Getenv("RC_JWT")}
	_ = ringcentral.GetTokenRequest{GrantType: "urn:ietf:params:oauth:grant-type:jwt-bearer", Assertion: os.Getenv("RC_JWT")}
	_ = ringcentral.GetTokenRequest{GrantType: "refresh_token", RefreshToken: os.Getenv("RC_REFRESH_TOKEN")}
	_ = MeetingRequestResource{Topic: "standup", Password: os.Getenv("MEETING_PASSWORD")}
	_ = ringcentral.UserPatch{PmiPassword: os.Getenv("PMI_PASSWORD")}
}
