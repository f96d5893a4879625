// ringcentral/ringcentral-go (ringcentral_test.go): GetTokenRequest with the password grant.
package main

import (
	"fmt"
	"os"

	"github.com/ringcentral/ringcentral-go"
)

func main() {
	rc := ringcentral.RestClient{
		ClientID:     os.Getenv("RINGCENTRAL_CLIENT_ID"),
		ClientSecret: os.Getenv("RINGCENTRAL_CLIENT_SECRET"),
		Server:       os.Getenv("RINGCENTRAL_SERVER_URL"),
	}
	token, err := rc.Authorize(ringcentral.GetTokenRequest{
		GrantType: "password", // expect: ringcentral/go-password-grant-type
		Username:  os.Getenv("RINGCENTRAL_USERNAME"),
		Extension: os.Getenv("RINGCENTRAL_EXTENSION"),
		Password:  os.Getenv("RINGCENTRAL_PASSWORD"),
	})
	fmt.Println(token, err)
}
