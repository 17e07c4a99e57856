using KcmCompose.Compose;

namespace KcmCompose.Tests.Compose;

public class ComposeEditResultTests
{
    [TestCase(ComposeEditStatus.Changed, true)]
    [TestCase(ComposeEditStatus.Unchanged, true)]
    [TestCase(ComposeEditStatus.Refused, false)]
    public void Succeeded_ByStatus_FalseOnlyWhenRefused(ComposeEditStatus status, bool expected)
    {
        new ComposeEditResult(status, "<string>", "a: 1\n", "a: 1\n", "m").Succeeded.Should().Be(expected);
    }
}
