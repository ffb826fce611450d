namespace SupportBot.Describing;

/// <summary>
/// Everything read from the text and the answers, before it is turned into slots, a question and a
/// composed description.
/// </summary>
internal sealed record DescriptionFacts
{
    public string? System { get; init; }
    public SystemEntry? CatalogueSystem { get; init; }

    /// <summary>The reporter's own noun for a device of the catalogue system (<see cref="SystemEntry.Nouns"/>), kept in the description.</summary>
    public string? SystemNoun { get; init; }

    /// <summary>The reporter said they don't know the system; asking again would not help.</summary>
    public bool SystemUnknown { get; init; }

    public ActionMention? Action { get; init; }

    /// <summary>
    /// The reporter's own clause when the action runs straight into the symptom ("打印出来全是乱码",
    /// "prints blank pages"): quoting it reads better than splitting it into "when …, …".
    /// </summary>
    public string? Clause { get; init; }
    public string? Element { get; init; }
    public SymptomMention? Symptom { get; init; }
    public ErrorText? Error { get; init; }
    public ErrorCodeState ErrorState { get; init; }
    public ProblemContext Context { get; init; } = new(null, null, null, null);

    /// <summary>Where on site it happens (<see cref="PlaceReader"/>), when the text says so.</summary>
    public string? Place { get; init; }

    /// <summary>The period the fault recurs at ("every 20 minutes", 「一天两三次」), when the text states one (<see cref="ContextReader.PeriodOf"/>).</summary>
    public string? Period { get; init; }

    /// <summary>The span the fault has kept to ("since lunch", "all day", 「今天早上开始」), when the text states one (<see cref="ContextReader.SpanOf"/>).</summary>
    public string? Span { get; init; }

    /// <summary>The change the fault followed ("after this weekend's upgrade", 「升级以后」), when the text names one (<see cref="ContextReader.ChangeBefore"/>).</summary>
    public string? AfterChange { get; init; }

    /// <summary>A how-to question or a request that names its task (<see cref="RequestReader"/>): no fault to ask about.</summary>
    public string? Request { get; init; }

    public bool Missing(string slot) => slot switch
    {
        // An error locates the problem once the reporter says what they were doing ("导出报表时提示'数据格式错误'"); a bare
        // code ("getting error 0x80004005 again", 「一直报 ORA-12541」) could come from anything, so the system is asked first;
        // so could a moment no verb of the lexicon names ("shows error C7 when I order a latte": which machine?).
        // Signing in is no system's own function (the convention of 2026-12-03, seventh session): "I got 'Invalid credentials'
        // trying to log in" could be any system's sign-in, so the system is still asked.
        DescriptionSlot.System => System is null && !SystemUnknown && (Error is null || Action is null || Action.ByGrammar || Action.SignIn),
        DescriptionSlot.Action => Action is null && !FaultOfItsOwn && !ButtonPressed && !NetworkAtAPlace && !StateShown && !SaysWhen && !SessionEnds && !FormulaResult && !PhysicalFault && !LockedOut && !WrongValueShown && Request is null
            && !(Symptom is not null && CatalogueSystem is { OneFunction: true }),
        DescriptionSlot.Symptom => Symptom is null && Request is null,
        DescriptionSlot.ErrorCode => ErrorState == ErrorCodeState.NotGiven && Request is null,
        _ => false,
    };

    /// <summary>
    /// A single-purpose device or a network that shows an error of its own (a printer's panel showing SC542, VPN error
    /// 809, a projector saying "No Signal") has said what failed and how: what the reporter happened to be doing adds
    /// nothing a triage engineer needs, so it is not asked. An application's error belongs to the function used, a
    /// computer's stop code to whatever it was running, and an account's error to what was done with it (signing in,
    /// resetting the password, approving MFA each mend differently), so those ask; so does a bare symptom ("电脑很卡",
    /// "the wifi keeps dropping"), which says nothing of when it happens.
    /// </summary>
    private bool FaultOfItsOwn => Symptom is not null && Error is not null
        && CatalogueSystem is { GeneralPurpose: false, Kind: SystemKind.Device or SystemKind.Network };

    /// <summary>
    /// A button that does nothing, or shows an error, has been pressed: "The Approve button in the OA app does nothing"
    /// says what the reporter did as plainly as 「点审批按钮没反应」, and asking "what were you doing?" would only get the
    /// button back. Any other element (a list, a field, a page) can be used many ways, so it still asks.
    /// </summary>
    private bool ButtonPressed => Symptom is not null && Element is { } element
        && (element.EndsWith("button", StringComparison.OrdinalIgnoreCase) || element.EndsWith("按钮", StringComparison.Ordinal));

    /// <summary>
    /// "Wi-Fi in meeting room 4B drops every few minutes", 「无线网在5楼老是断」: a network fault with the place it happens
    /// says where to go; what the reporter was doing adds nothing. Without a place ("the wifi keeps dropping") it asks.
    /// </summary>
    private bool NetworkAtAPlace => Symptom is not null && Place is not null && CatalogueSystem is { Kind: SystemKind.Network };

    /// <summary>
    /// "The VPN just says 'Connecting...' forever", 「OA待办列表一直显示'加载中'」, 「报销单一直是'审批中'」: the state the system
    /// shows says where the reporter stands (connecting, loading the list, waiting for approval) as plainly as
    /// "what were you doing?" would; asking it would only get the state back. A password prompt that keeps coming back
    /// ("Outlook keeps asking for my password", 「outlook老是弹出输入密码的框」) is the same: the system asks unbidden.
    /// </summary>
    private bool StateShown => Symptom is { Kind: ActionSymptomReader.StatusShownKind or "passwordPrompt" };

    /// <summary>
    /// "SAP keeps kicking me out", "HR系统 keeps logging me out", 「OA老是把我踢出去」: a session the system ends by itself
    /// happens while the reporter is using it, whatever they were doing, so "what were you doing?" has no answer; the
    /// system (always asked when missing) is what an engineer needs. The documented session convention (tuning10's
    /// header, tuning2 h414 relabelled to it); a sign-out the reporter caused once ("I got kicked out twice this
    /// morning") is a dropped connection and still asks.
    /// </summary>
    private bool SessionEnds => Symptom is { Kind: "sessionEnds" };

    /// <summary>
    /// "Excel VLOOKUP returns #N/A", 「Excel 公式结果显示 #REF!」: a spreadsheet's error value is what a formula returned,
    /// so the formula is what the reporter was doing; asking "what were you doing?" would only get the formula back.
    /// </summary>
    private bool FormulaResult => Error is { IsMessage: false } error && error.Text.StartsWith('#');

    /// <summary>
    /// "My PC keeps restarting by itself, roughly every 20 minutes", "Slack logs me out every few minutes", 「考勤机每天早上
    /// 都提示'指纹无法识别'」, 「蓝屏,一天两三次」: a fault that keeps to a period of its own says when it happens, which is what
    /// "what were you doing?" asks; it follows the clock, not something the reporter did, and an engineer can watch for it.
    /// A recurrence with no period ("keeps dropping", 「老是」, 「隔三差五」, "every so often") says nothing of when and still asks.
    /// </summary>
    /// <remarks>
    /// A fault that began with a named change ("Fiori tiles all show 'Could not open app' after this weekend's upgrade",
    /// "Outlook rules stopped working after the mailbox migration", 「升级以后就报错」) says when as well: the change is
    /// what an engineer looks at first. A time alone ("since this morning", 「今天」) is no such change and still asks.
    /// </remarks>
    /// <remarks>
    /// A fault that has kept to a stated span ("network has been slow since lunch", 「今天早上开始 无线一直断断续续的」,
    /// "laggy all day") says when as well (the convention of 2026-12-03, sixth session: a period is any stated span).
    /// </remarks>
    /// <remarks>
    /// Not a display (an external monitor, a projector): whether it goes black every few minutes docked, presenting or
    /// idle mends differently, so its source is still asked, as the one-function rule leaves displays out.
    /// </remarks>
    private bool SaysWhen => Symptom is not null && (Period is not null || Span is not null || AfterChange is not null)
        && CatalogueSystem is not { Kind: SystemKind.Device, GeneralPurpose: false, OneFunction: false };

    /// <summary>
    /// A device's physical fault (the convention of 2026-12-03, sixth session): heat, a fan that never stops, a strange
    /// noise, a flicker or a line on a display, a dead key, a swollen battery (「电脑很烫 风扇一直狂转」, "my external monitor
    /// flickers", 「显示器上有一条竖线」). The symptom is the device's own and the action is simply using it, so "what were
    /// you doing?" has no answer. A software symptom on a device (freezes, slow, an error) still asks what was running.
    /// </summary>
    private bool PhysicalFault => Symptom is { Kind: "device" } && CatalogueSystem is { Kind: SystemKind.Device };

    /// <summary>
    /// A bare lock-out ("Account locked out. again.", 「账号被锁了」; the convention of 2026-12-03, seventh session): the
    /// system is the account, the lock-out the symptom, and what the reporter was doing is signing in, as a printer
    /// printing streaks says it was printing. A lock-out elsewhere (a file locked for editing) is no account's.
    /// </summary>
    private bool LockedOut => Symptom is { Kind: "locked" } && CatalogueSystem is { Kind: SystemKind.Account };

    /// <summary>
    /// A wrong value shown in a named system ("HR portal shows my leave balance as zero", 「ERP里的应付余额跟供应商对账单差了
    /// 三万多」; the convention of 2026-12-03, seventh session): what is shown and that it is wrong are said, and looking
    /// at it needs no asking. Not on a device (a print upside down is the printer's, and asks what was printed), nor on an
    /// account (a password "incorrect" is an error of signing in, which asks what was done), nor with no system
    /// ("something looks off", 「数据不对」 still ask).
    /// </summary>
    public bool WrongValueShown => Symptom is { Kind: "wrongValue" } && System is not null
        && CatalogueSystem is not { Kind: SystemKind.Device or SystemKind.Network or SystemKind.Account };

    /// <summary>
    /// The whole text frames what the reporter is or was doing ("I'm uploading a file to the network drive", 「我在报销系统里
    /// 上传发票」) with no word that anything failed (<see cref="DescriptionTextReader"/>).
    /// </summary>
    public bool ActivityOnly { get; init; }

    /// <summary>
    /// Nothing said about what went wrong (the convention of 2026-12-03, seventh session): only what the reporter was
    /// doing ("I was in the middle of exporting customer contacts from the CRM"), or an error without its words and
    /// without what was being done ("AnyConnect threw an error at me"). The learned decision does not promote such a
    /// report: what happened is still asked.
    /// </summary>
    /// <remarks>
    /// Narrower than "no symptom the lexicon knows": the model rightly promotes many reports whose symptom the lexicon
    /// has no phrase for ("Files I save on the shared drive disappear after a few minutes"); 41 such tuning cases are
    /// labelled specific, and none of them frames an activity alone or an error without its words.
    /// </remarks>
    public bool SaysNothingWrong => Request is null && Error is null
        && (Symptom is { Kind: "errorShown" } && Action is null || Symptom is null && Action is not null && ActivityOnly);

    /// <summary>
    /// A display's fault that keeps a period ("my external monitor goes black every few minutes", 「显示器每隔几分钟就黑屏」):
    /// the rule asks its source (<see cref="SaysWhen"/>), and the learned decision does not overrule that, as it does not
    /// overrule an error tied to what was being done: the refitted model promoted the Chinese form and not, or only by a
    /// hair, the English one, which is the model guessing at a convention it has too few cases of.
    /// </summary>
    public bool DisplayKeepsAPeriod => Symptom is not null && Period is not null
        && CatalogueSystem is { Kind: SystemKind.Device, GeneralPurpose: false, OneFunction: false };

    /// <summary>Specific: what broke (or the error that names it), what the reporter was doing, and what happened.</summary>
    public bool Specific => !Missing(DescriptionSlot.System) && !Missing(DescriptionSlot.Action) && !Missing(DescriptionSlot.Symptom);
}
