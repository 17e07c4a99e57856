namespace KcmCompose.Cli.Conventions;

/// <summary>
/// An exception's message as the user should read it: one line, without the "(Parameter 'options')" and "Actual value
/// was" that <see cref="ArgumentException"/> appends for programmers.
/// </summary>
internal static class UserMessage
{
    public static string Of(Exception exception)
    {
        var message = exception.Message;
        if (exception is ArgumentOutOfRangeException { ActualValue: not null })
        {
            var actual = message.LastIndexOf("Actual value was ", StringComparison.Ordinal);
            message = actual < 0 ? message : message[..actual];
        }

        if (exception is ArgumentException { ParamName: { } name })
        {
            message = message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal);
        }

        return message.ReplaceLineEndings(" ").Trim();
    }
}
