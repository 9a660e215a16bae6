// Command pulumi-resource-tls is a TEST DOUBLE of the pulumi-tls provider for the engine tier
// (tests/engine): pulumi-tls is on no registry this project reaches. It serves only PrivateKey
// (RSA, ECDSA) and SelfSignedCert, with real keys and real X.509 from Go's crypto packages;
// never use it outside the tier.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"kafka-platform.test/engine/standin-providers/standin"
)

func main() {
	err := provider.Main("tls", func(*provider.HostClient) (pulumirpc.ResourceProviderServer, error) {
		return &standin.Provider{
			Name:    "tls",
			Version: "0.0.1-engine-tier-test-double",
			Resources: map[string]standin.Resource{
				"tls:index/privateKey:PrivateKey": {
					Generate: privateKey,
					Outputs:  []string{"privateKeyPem", "privateKeyPemPkcs8", "publicKeyPem"},
					Secrets:  []string{"privateKeyPem", "privateKeyPemPkcs8"},
				},
				"tls:index/selfSignedCert:SelfSignedCert": {
					Generate: selfSignedCert,
					Outputs:  []string{"certPem", "validityStartTime", "validityEndTime", "keyAlgorithm"},
				},
			},
		}, nil
	})
	if err != nil {
		cmdutil.ExitError(err.Error())
	}
}
