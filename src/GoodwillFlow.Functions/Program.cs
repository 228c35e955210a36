using GoodwillFlow.Workflow;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddGoodwillWorkflow(builder.Configuration);
await builder.Build().RunAsync();
