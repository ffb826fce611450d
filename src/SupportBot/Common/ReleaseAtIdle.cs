namespace SupportBot.Common;

/// <summary>
/// Holds memory a busy spell made it keep, and can give it back once the process is quiet. The idle trim asks each
/// one just before its collection, so that what they let go of is returned to the operating system with the rest.
/// </summary>
internal interface IReleaseAtIdle
{
    void ReleaseAtIdle();
}
