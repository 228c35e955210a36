using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GoodwillFlow.Infra.Tests.Infrastructure;

/// <summary>
/// A compiled ARM template (main.bicep, or a module nested in it) with just enough expression reading for the
/// tests: variables, a module's parameter values and outputs. It does not evaluate ARM; it reads what Bicep wrote.
/// </summary>
public sealed partial class ArmTemplate
{
    private readonly JsonObject? _moduleParameters;

    public ArmTemplate(JsonObject root, string? moduleName = null, JsonObject? moduleParameters = null, ArmTemplate? parent = null)
    {
        Root = root;
        ModuleName = moduleName;
        Parent = parent;
        _moduleParameters = moduleParameters;
    }

    public JsonObject Root { get; }

    /// <summary>Gets the module's deployment name, or null for main.bicep.</summary>
    public string? ModuleName { get; }

    public ArmTemplate? Parent { get; }

    /// <summary>Gets the resources, whether Bicep wrote them as an array or (language version 2.0) by symbolic name.</summary>
    public IEnumerable<JsonObject> Resources => Root["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject byName => byName.Select(pair => pair.Value).OfType<JsonObject>(),
        _ => [],
    };

    public IEnumerable<ArmTemplate> Modules =>
        Resources
            .Where(r => Type(r) == "Microsoft.Resources/deployments")
            .Select(r => new ArmTemplate(
                (JsonObject)r["properties"]!["template"]!,
                (string?)r["name"],
                r["properties"]!["parameters"] as JsonObject,
                this));

    /// <summary>Gets this template and every module under it.</summary>
    public IEnumerable<ArmTemplate> SelfAndModules => [this, .. Modules.SelectMany(m => m.SelfAndModules)];

    public JsonObject Outputs => Root["outputs"] as JsonObject ?? [];

    public JsonObject Parameters => Root["parameters"] as JsonObject ?? [];

    public static string? Type(JsonObject resource) => (string?)resource["type"];

    public IEnumerable<JsonObject> ResourcesOfType(string type) =>
        Resources.Where(r => string.Equals(Type(r), type, StringComparison.OrdinalIgnoreCase) && r["existing"] is null);

    /// <summary>Gets every resource of a type declared (not merely referenced as existing) anywhere in the deployment.</summary>
    public IEnumerable<(ArmTemplate Template, JsonObject Resource)> AllResourcesOfType(string type) =>
        SelfAndModules.SelectMany(t => t.ResourcesOfType(type).Select(r => (t, r)));

    public ArmTemplate Module(string name) =>
        Modules.SingleOrDefault(m => m.ModuleName == name)
        ?? throw new InvalidOperationException($"main.bicep has no module deployment named '{name}'.");

    /// <summary>Gets the value the parent template passes for one of this module's parameters.</summary>
    public JsonNode? ModuleParameterValue(string name) => _moduleParameters?[name]?["value"];

    /// <summary>Gets the names of this template's secure parameters (securestring, secureObject).</summary>
    public IEnumerable<string> SecureParameterNames =>
        Parameters
            .Where(p => ((string?)p.Value?["type"])?.StartsWith("secure", StringComparison.OrdinalIgnoreCase) == true)
            .Select(p => p.Key);

    /// <summary>
    /// Resolves an expression to the literal strings it can stand for: a literal, <c>[variables('x')]</c>, or
    /// <c>[variables('x')[copyIndex()]]</c> (every element of a copy loop's array), recursively.
    /// </summary>
    public IEnumerable<string> ResolveStrings(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            return array.SelectMany(ResolveStrings);
        }

        var text = node?.GetValue<string>();
        if (text is null)
        {
            return [];
        }

        var element = VariableElement().Match(text);
        if (element.Success)
        {
            return ResolveStrings(Root["variables"]?[element.Groups["name"].Value]);
        }

        var variable = WholeVariable().Match(text);
        if (variable.Success)
        {
            return ResolveStrings(Root["variables"]?[variable.Groups["name"].Value]);
        }

        return [text];
    }

    /// <summary>
    /// Tells whether an expression reads a property of a user-assigned identity, either through its resource id or,
    /// in a language version 2.0 template, through the symbolic name of an identity declared as existing.
    /// </summary>
    public bool ReadsUserAssignedIdentity(string expression)
    {
        const string identityType = "Microsoft.ManagedIdentity/userAssignedIdentities";
        if (expression.Contains($"resourceId('{identityType}'", StringComparison.Ordinal))
        {
            return true;
        }

        return Root["resources"] is JsonObject bySymbol
            && bySymbol.Any(pair => Type((JsonObject)pair.Value!) == identityType
                && expression.Contains($"reference('{pair.Key}')", StringComparison.Ordinal));
    }

    /// <summary>Resolves <c>reference('module').outputs.name.value</c> in this template to the module output's expression.</summary>
    public string? ModuleOutputExpression(string expression)
    {
        var match = ModuleOutputReference().Match(expression);
        return match.Success
            ? (string?)Module(match.Groups["module"].Value).Outputs[match.Groups["output"].Value]?["value"]
            : null;
    }

    [GeneratedRegex(@"^\[variables\('(?<name>[^']+)'\)\[copyIndex\(\)\]\]$")]
    private static partial Regex VariableElement();

    [GeneratedRegex(@"^\[variables\('(?<name>[^']+)'\)\]$")]
    private static partial Regex WholeVariable();

    [GeneratedRegex(@"reference\('(?<module>[^']+)'\)\.outputs\.(?<output>[A-Za-z0-9_]+)\.value")]
    private static partial Regex ModuleOutputReference();
}
