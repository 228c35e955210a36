using GoodwillFlow.Functions.Hosting;
using GoodwillFlow.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// One composition root: everything the shims use comes from AddGoodwillWorkflow, exactly as in the local runtime.
// Worker logs reach Application Insights through the Functions host (APPLICATIONINSIGHTS_CONNECTION_STRING), so the
// worker needs no telemetry SDK of its own.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// After the HTTP proxying middleware, so the 503 page for a missing secret goes out as the HTTP response.
builder.UseMiddleware<RequiredSettingsMiddleware>();
builder.Services.AddGoodwillWorkflow(builder.Configuration);
await builder.Build().RunAsync();
