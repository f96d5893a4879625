// grokify/ringcentral-sdk-go: the README form and the current signature.
package main

import (
	"context"
	"os"

	"github.com/grokify/ringcentral-sdk-go/rcsdk"
)

func main() {
	sdk := rcsdk.NewSdk("appKey", "appSecret", rcsdk.RC_SERVER_SANDBOX)
	platform := sdk.GetPlatform()
	platform.Authorize("16505551212", "101", "hunter2") // expect: ringcentral/go-rcsdk-authorize

	err := platform.Authorize(context.Background(), os.Getenv("RC_USERNAME"), os.Getenv("RC_EXTENSION"), // expect: ringcentral/go-rcsdk-authorize
		os.Getenv("RC_PASSWORD"), true)
	if err != nil {
		panic(err)
	}
	sdk.GetPlatform().Authorize("16505551212", "101", os.Getenv("RC_PASSWORD")) // expect: ringcentral/go-rcsdk-authorize
}
