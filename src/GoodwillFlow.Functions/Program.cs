using GoodwillFlow.Functions.Hosting;
using GoodwillFlow.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// One composition root: everything the shims use comes from AddGoodwillWorkflow, exactly as in the local runtime.
// Worker logs reach Application Insights through the Functions host (APPLICATIONINSIGHTS_CONNECTION_STRING), so the
// worker needs no telemetry SDK of its own.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// ASP.NET Core logs every request's URL at Information, and ours carry reply tokens (/api/r/{token}) and the Inbound
// Parse secret (/api/inbound/{secret}); the worker forwards its logs to the host and Application Insights. The local
// runtime filters the same category.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

// After the HTTP proxying middleware, so the 503 page for a missing secret goes out as the HTTP response.
builder.UseMiddleware<RequiredSettingsMiddleware>();
builder.Services.AddGoodwillWorkflow(builder.Configuration);
await builder.Build().RunAsync();
