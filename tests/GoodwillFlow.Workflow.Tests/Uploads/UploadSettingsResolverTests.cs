using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Uploads;

namespace GoodwillFlow.Workflow.Tests.Uploads;

/// <summary>App settings overridden by upload metadata, and the sentences the owner gets when one of them is wrong.</summary>
public sealed class UploadSettingsResolverTests
{
    private static readonly GoodwillOptions Defaults = new() { OwnerEmail = "owner@example.com" };

    [Fact]
    public void Uses_the_app_settings_when_the_upload_has_no_metadata()
    {
        var resolved = UploadSettingsResolver.Resolve(Defaults, null);

        var settings = Assert.IsType<GoodwillFlow.Workflow.Storage.CampaignSettings>(resolved.Settings);
        Assert.Null(resolved.Error);
        Assert.Equal("owner@example.com", settings.OwnerEmail);
        Assert.Equal("UTC", settings.Cadence.TimeZone);
        Assert.Equal(new TimeOnly(9, 0), settings.Cadence.WindowStart);
        Assert.Equal(new TimeOnly(17, 0), settings.Cadence.WindowEnd);
        Assert.Equal(5, settings.Cadence.PromptsPerDay);
        Assert.Null(settings.Cadence.TargetWeeks);
        Assert.Null(settings.Cadence.FixedInterval);
        Assert.Equal(TimeSpan.FromDays(3), settings.GracePeriod);
        Assert.Equal(50, settings.ShortlistSize);
        Assert.Empty(settings.Targets.Companies);
    }

    [Theory]
    [InlineData("Mon,Wed,Fri", new[] { DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday })]
    [InlineData(" saturday , SUN ", new[] { DayOfWeek.Saturday, DayOfWeek.Sunday })]
    [InlineData("Tue,tue,Tuesday", new[] { DayOfWeek.Tuesday })]
    public void Reads_sending_days_as_short_or_full_names_in_any_case(string days, DayOfWeek[] expected)
    {
        var resolved = UploadSettingsResolver.Resolve(Defaults, new Dictionary<string, string> { ["days"] = days });

        Assert.Equal(expected, resolved.Settings!.Cadence.Days);
    }

    [Fact]
    public void Weeks_and_per_day_from_metadata_replace_the_app_settings()
    {
        var resolved = UploadSettingsResolver.Resolve(
            Defaults, new Dictionary<string, string> { ["PerDay"] = "3", ["WEEKS"] = "8", ["windowstart"] = "8:30", ["windowend"] = "12:00" });

        Assert.Equal(3, resolved.Settings!.Cadence.PromptsPerDay);
        Assert.Equal(8, resolved.Settings.Cadence.TargetWeeks);
        Assert.Equal(new TimeOnly(8, 30), resolved.Settings.Cadence.WindowStart);
        Assert.Equal(new TimeOnly(12, 0), resolved.Settings.Cadence.WindowEnd);
    }

    [Theory]
    [InlineData("Ann <ann@example.com>")]
    [InlineData("ann@example.com, bob@example.com")]
    [InlineData("not an address")]
    public void Rejects_an_owner_that_is_not_a_single_plain_address(string owner)
    {
        var resolved = UploadSettingsResolver.Resolve(Defaults, new Dictionary<string, string> { ["owneremail"] = owner });

        Assert.Null(resolved.Settings);
        Assert.Null(resolved.OwnerEmail);
        Assert.Equal(
            "The owner email address is not a single address like name@example.com. (Fix the 'owneremail' metadata on the upload and upload the file again.)",
            resolved.Error);
    }

    [Fact]
    public void Names_every_bad_setting_and_keeps_the_owner_so_they_can_be_told()
    {
        var resolved = UploadSettingsResolver.Resolve(
            Defaults,
            new Dictionary<string, string> { ["perday"] = "0", ["windowstart"] = "18:00", ["interval"] = "00:00:00", ["days"] = "Funday" });

        Assert.Null(resolved.Settings);
        Assert.Equal("owner@example.com", resolved.OwnerEmail);
        Assert.Equal(
            "The send window must end after it starts. (Fix the 'windowstart' metadata on the upload and upload the file again.) " +
            "The sending days are not a comma-separated list of weekdays like Mon,Tue,Wed,Thu,Fri. (Fix the 'days' metadata on the upload and upload the file again.) " +
            "The prompts per day must be a whole number of at least 1. (Fix the 'perday' metadata on the upload and upload the file again.) " +
            "The fixed interval must be a positive duration like 00:00:30. (Fix the 'interval' metadata on the upload and upload the file again.)",
            resolved.Error);
    }

    [Fact]
    public void A_bad_app_setting_is_named_by_its_app_setting()
    {
        var resolved = UploadSettingsResolver.Resolve(new GoodwillOptions { OwnerEmail = "owner@example.com", ShortlistSize = 0 }, null);

        Assert.Equal(
            "The shortlist size must be a whole number of at least 1. (Set the Goodwill__ShortlistSize app setting, or 'shortlistsize' metadata on the upload.)",
            resolved.Error);
    }

    [Fact]
    public void Empty_metadata_values_keep_the_app_setting()
    {
        var resolved = UploadSettingsResolver.Resolve(Defaults, new Dictionary<string, string> { ["owneremail"] = "  ", ["timezone"] = "" });

        Assert.Equal("owner@example.com", resolved.Settings!.OwnerEmail);
        Assert.Equal("UTC", resolved.Settings.Cadence.TimeZone);
    }
}
