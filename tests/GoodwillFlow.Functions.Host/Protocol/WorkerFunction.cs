using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace GoodwillFlow.Functions.Host.Protocol;

/// <summary>A function as the worker indexed it (its <c>FunctionMetadataResponse</c> entry), with its bindings parsed.</summary>
/// <param name="Name">The function name.</param>
/// <param name="FunctionId">The id the worker gave it; invocations name the function by this id.</param>
/// <param name="Bindings">Each raw binding JSON object, as the worker reported it.</param>
public sealed record WorkerFunction(string Name, string FunctionId, IReadOnlyList<JsonObject> Bindings)
{
    /// <summary>Gets the function's trigger binding.</summary>
    public JsonObject Trigger => Bindings.Single(b => ((string?)b["type"])!.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));

    /// <summary>Gets the trigger's type, for example <c>httpTrigger</c>.</summary>
    public string TriggerType => (string)Trigger["type"]!;

    /// <summary>Gets the name of the first binding of the given type, or null.</summary>
    public string? BindingName(string type) =>
        (string?)Bindings.FirstOrDefault(b => string.Equals((string?)b["type"], type, StringComparison.OrdinalIgnoreCase))?["name"];

    /// <summary>
    /// Builds the <c>FunctionLoadRequest</c> metadata the host sends: the worker's own entry with a <c>BindingInfo</c> per
    /// raw binding (the worker builds its function definition from these, not from the raw JSON).
    /// </summary>
    internal static RpcFunctionMetadata ForLoad(RpcFunctionMetadata indexed, string appDirectory)
    {
        var metadata = indexed.Clone();
        metadata.Directory = appDirectory;
        metadata.Bindings.Clear();
        foreach (var raw in indexed.RawBindings)
        {
            var binding = JsonNode.Parse(raw)!.AsObject();
            var info = new BindingInfo
            {
                Type = (string)binding["type"]!,
                Direction = ((string?)binding["direction"])?.ToUpperInvariant() switch
                {
                    "OUT" => BindingInfo.Types.Direction.Out,
                    "INOUT" => BindingInfo.Types.Direction.Inout,
                    _ => BindingInfo.Types.Direction.In,
                },
                DataType = ((string?)binding["dataType"])?.ToUpperInvariant() switch
                {
                    "STRING" => BindingInfo.Types.DataType.String,
                    "BINARY" => BindingInfo.Types.DataType.Binary,
                    "STREAM" => BindingInfo.Types.DataType.Stream,
                    _ => BindingInfo.Types.DataType.Undefined,
                },
            };
            if (binding["properties"] is JsonObject properties)
            {
                foreach (var (key, value) in properties)
                {
                    info.Properties[key] = value?.ToString() ?? "";
                }
            }

            metadata.Bindings[(string)binding["name"]!] = info;
        }

        return metadata;
    }

    internal static WorkerFunction From(RpcFunctionMetadata indexed) =>
        new(indexed.Name, indexed.FunctionId, indexed.RawBindings.Select(raw => JsonNode.Parse(raw)!.AsObject()).ToList());
}
