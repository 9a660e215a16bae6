package standin

import (
	"context"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func props(t *testing.T, m resource.PropertyMap) *pulumirpc.DiffRequest {
	t.Helper()
	s, err := plugin.MarshalProperties(m, marshalOpts)
	if err != nil {
		t.Fatal(err)
	}
	return &pulumirpc.DiffRequest{News: s, OldInputs: s}
}

// Unchanged inputs (a secret compared with its plain value too) keep the generated value; a changed one replaces it.
func TestDiffIsStableAndReplacesOnChange(t *testing.T) {
	p := &Provider{Name: "test"}
	in := resource.PropertyMap{"length": resource.NewNumberProperty(32)}
	res, err := p.Diff(context.Background(), props(t, in))
	if err != nil || res.Changes != pulumirpc.DiffResponse_DIFF_NONE {
		t.Fatalf("unchanged inputs: %v %v", res, err)
	}
	req := props(t, in)
	secretNews, _ := plugin.MarshalProperties(resource.PropertyMap{"length": resource.MakeSecret(resource.NewNumberProperty(32))}, marshalOpts)
	req.News = secretNews
	if res, err = p.Diff(context.Background(), req); err != nil || res.Changes != pulumirpc.DiffResponse_DIFF_NONE {
		t.Fatalf("same value as a secret: %v %v", res, err)
	}
	req = props(t, in)
	changed, _ := plugin.MarshalProperties(resource.PropertyMap{"length": resource.NewNumberProperty(16)}, marshalOpts)
	req.News = changed
	res, err = p.Diff(context.Background(), req)
	if err != nil || res.Changes != pulumirpc.DiffResponse_DIFF_SOME || len(res.Replaces) != 1 || res.Replaces[0] != "length" {
		t.Fatalf("changed length: %v %v", res, err)
	}
}
