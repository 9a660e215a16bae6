// Command pulumi-resource-random is a TEST DOUBLE of the pulumi-random provider for the engine
// tier (tests/engine): pulumi-random is on no registry this project reaches. It serves only
// RandomPassword, with crypto/rand; never use it outside the tier.
package main

import (
	"crypto/rand"
	"fmt"
	"math/big"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"kafka-platform.test/engine/standin-providers/standin"
)

const (
	lower   = "abcdefghijklmnopqrstuvwxyz"
	upper   = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	digits  = "0123456789"
	special = "!@#$%&*()-_=+[]{}<>:?"
)

// enabled reads a boolean input that defaults to true, as in pulumi-random.
func enabled(in resource.PropertyMap, key string) bool {
	v, ok := in[resource.PropertyKey(key)]
	return !ok || !v.IsBool() || v.BoolValue()
}

func password(in resource.PropertyMap) (resource.PropertyMap, error) {
	length := in["length"]
	if !length.IsNumber() || length.NumberValue() < 1 {
		return nil, fmt.Errorf("length must be a positive number")
	}
	alphabet := ""
	if enabled(in, "lower") {
		alphabet += lower
	}
	if enabled(in, "upper") {
		alphabet += upper
	}
	if enabled(in, "numeric") && enabled(in, "number") {
		alphabet += digits
	}
	if enabled(in, "special") {
		if o, ok := in["overrideSpecial"]; ok && o.IsString() {
			alphabet += o.StringValue()
		} else {
			alphabet += special
		}
	}
	if alphabet == "" {
		return nil, fmt.Errorf("no characters to choose from")
	}
	out := make([]byte, int(length.NumberValue()))
	for i := range out {
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(alphabet))))
		if err != nil {
			return nil, err
		}
		out[i] = alphabet[n.Int64()]
	}
	return resource.PropertyMap{"result": resource.NewStringProperty(string(out))}, nil
}

func main() {
	err := provider.Main("random", func(*provider.HostClient) (pulumirpc.ResourceProviderServer, error) {
		return &standin.Provider{
			Name:    "random",
			Version: "0.0.1-engine-tier-test-double",
			Resources: map[string]standin.Resource{
				"random:index/randomPassword:RandomPassword": {
					Generate: password, Outputs: []string{"result"}, Secrets: []string{"result"},
				},
			},
		}, nil
	})
	if err != nil {
		cmdutil.ExitError(err.Error())
	}
}
