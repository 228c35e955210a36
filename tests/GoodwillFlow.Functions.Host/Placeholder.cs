namespace GoodwillFlow.Functions.Host;
