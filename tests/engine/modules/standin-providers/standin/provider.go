// Package standin is the gRPC side of the engine tier's stand-in providers (test doubles of
// pulumi-random and pulumi-tls): a resource provider whose resources are generated once on
// create and replaced whenever an input changes, like the real providers' resources.
package standin

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// Generate makes a resource's outputs (besides its inputs) from its plain inputs.
type Generate func(inputs resource.PropertyMap) (resource.PropertyMap, error)

// Resource is one resource type of a stand-in provider.
type Resource struct {
	// Generate makes the outputs on create.
	Generate Generate
	// Outputs names every output Generate sets: unknown during a preview of a create.
	Outputs []string
	// Secrets names the outputs that are secrets (private keys, passwords).
	Secrets []string
}

// Provider serves a fixed set of resource types.
type Provider struct {
	pulumirpc.UnimplementedResourceProviderServer
	Name      string
	Version   string
	Resources map[string]Resource
}

var marshalOpts = plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true, SkipNulls: true}

func unmarshal(s *structpb.Struct) (resource.PropertyMap, error) {
	if s == nil {
		return resource.PropertyMap{}, nil
	}
	return plugin.UnmarshalProperties(s, marshalOpts)
}

// plain strips secret markers, so that inputs compare and generate by value.
func plain(v resource.PropertyValue) resource.PropertyValue {
	switch {
	case v.IsSecret():
		return plain(v.SecretValue().Element)
	case v.IsObject():
		return resource.NewObjectProperty(plainMap(v.ObjectValue()))
	case v.IsArray():
		out := make([]resource.PropertyValue, len(v.ArrayValue()))
		for i, e := range v.ArrayValue() {
			out[i] = plain(e)
		}
		return resource.NewArrayProperty(out)
	}
	return v
}

func plainMap(m resource.PropertyMap) resource.PropertyMap {
	out := resource.PropertyMap{}
	for k, v := range m {
		out[k] = plain(v)
	}
	return out
}

func (p *Provider) resource(urn string, typ string) (Resource, error) {
	if typ == "" {
		typ = string(resource.URN(urn).Type())
	}
	r, ok := p.Resources[typ]
	if !ok {
		return Resource{}, fmt.Errorf("%s stand-in provider (a test double): unsupported resource type %s", p.Name, typ)
	}
	return r, nil
}

func (p *Provider) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: p.Version}, nil
}

func (p *Provider) GetSchema(context.Context, *pulumirpc.GetSchemaRequest) (*pulumirpc.GetSchemaResponse, error) {
	return &pulumirpc.GetSchemaResponse{Schema: fmt.Sprintf(`{"name":%q,"version":%q}`, p.Name, p.Version)}, nil
}

func (p *Provider) CheckConfig(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

func (p *Provider) DiffConfig(context.Context, *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
}

func (p *Provider) Configure(context.Context, *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	return &pulumirpc.ConfigureResponse{AcceptSecrets: true, SupportsPreview: true}, nil
}

func (p *Provider) Check(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	if _, err := p.resource(req.GetUrn(), req.GetType()); err != nil {
		return nil, err
	}
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

// Diff replaces the resource when any input changed (as the real providers do for these
// types) and reports no change otherwise: generated values stay stable across runs.
func (p *Provider) Diff(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	olds, err := unmarshal(req.GetOldInputs())
	if err != nil {
		return nil, err
	}
	if req.GetOldInputs() == nil {
		// Older engines send only the state: its input keys are the news' keys.
		state, err := unmarshal(req.GetOlds())
		if err != nil {
			return nil, err
		}
		olds = resource.PropertyMap{}
		for k := range news {
			if v, ok := state[k]; ok {
				olds[k] = v
			}
		}
	}
	var replaces []string
	keys := map[resource.PropertyKey]bool{}
	for k := range news {
		keys[k] = true
	}
	for k := range olds {
		keys[k] = true
	}
	for k := range keys {
		o, n := plain(olds[k]), plain(news[k])
		if n.ContainsUnknowns() || !o.DeepEquals(n) {
			replaces = append(replaces, string(k))
		}
	}
	if len(replaces) == 0 {
		return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
	}
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_SOME, Replaces: replaces, Diffs: replaces}, nil
}

func (p *Provider) Create(_ context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	r, err := p.resource(req.GetUrn(), req.GetType())
	if err != nil {
		return nil, err
	}
	inputs, err := unmarshal(req.GetProperties())
	if err != nil {
		return nil, err
	}
	outputs := inputs.Copy()
	if req.GetPreview() || inputs.ContainsUnknowns() {
		for _, k := range r.Outputs {
			outputs[resource.PropertyKey(k)] = resource.MakeComputed(resource.NewStringProperty(""))
		}
	} else {
		generated, err := r.Generate(plainMap(inputs))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", req.GetUrn(), err)
		}
		for k, v := range generated {
			outputs[k] = v
		}
		for _, k := range r.Secrets {
			if v, ok := outputs[resource.PropertyKey(k)]; ok && !v.IsSecret() {
				outputs[resource.PropertyKey(k)] = resource.MakeSecret(v)
			}
		}
	}
	props, err := plugin.MarshalProperties(outputs, marshalOpts)
	if err != nil {
		return nil, err
	}
	id := ""
	if !req.GetPreview() {
		id = randomID()
	}
	return &pulumirpc.CreateResponse{Id: id, Properties: props}, nil
}

// Read returns the recorded state: generated values live only in Pulumi's state.
func (p *Provider) Read(_ context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	return &pulumirpc.ReadResponse{Id: req.GetId(), Properties: req.GetProperties(), Inputs: req.GetInputs()}, nil
}

func (p *Provider) Update(_ context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	return nil, fmt.Errorf("%s stand-in provider: %s changes by replacement only", p.Name, req.GetUrn())
}

func (p *Provider) Delete(context.Context, *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

func randomID() string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}
