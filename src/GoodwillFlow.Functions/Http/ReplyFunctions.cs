using GoodwillFlow.Workflow.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace GoodwillFlow.Functions.Http;

/// <summary>The reply page and the Inbound Parse webhook: anonymous, because the signed token or the secret path authorises them.</summary>
public sealed class ReplyFunctions(ReplyPageHandler replyPage, InboundParseHandler inbound)
{
    /// <summary><c>GET /api/r/{token}</c>: shows the reply form; records nothing.</summary>
    [Function(nameof(ShowReplyPage))]
    public Task<IResult> ShowReplyPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = GoodwillRoutes.ReplyPage)] HttpRequest request,
        string token,
        CancellationToken cancellationToken) =>
        replyPage.GetAsync(request, token, cancellationToken);

    /// <summary><c>POST /api/r/{token}</c>: records the reply and shows the thank-you page.</summary>
    [Function(nameof(SubmitReply))]
    public Task<IResult> SubmitReply(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = GoodwillRoutes.ReplyPage)] HttpRequest request,
        string token,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        replyPage.PostAsync(request, token, client, cancellationToken);

    /// <summary><c>POST /api/inbound/{secret}</c>: SendGrid Inbound Parse.</summary>
    [Function(nameof(ReceiveInboundEmail))]
    public Task<IResult> ReceiveInboundEmail(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = GoodwillRoutes.Inbound)] HttpRequest request,
        string secret,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        inbound.PostAsync(request, secret, client, cancellationToken);
}
