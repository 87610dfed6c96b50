import type { CauseDefinition } from "./cause-definition";

/** Causes in the user account or mailbox itself: no setting the product changes fixes them. */
export const ACCOUNT_CAUSES = {
  "wrong-credentials": {
    id: "wrong-credentials",
    layer: "user",
    title: { en: "Wrong user name or password", bg: "Грешно потребителско име или парола" },
    meaning: {
      en: "Microsoft 365 rejected the user name or password the device sent.",
      bg: "Microsoft 365 отхвърли потребителското име или паролата, изпратени от устройството.",
    },
    confirmFrom: "Reply '535 5.7.139 ... the user credentials were incorrect'; sign-in error 50126",
    checkableFromState: false,
    fixStep: null,
    blocksAfterSteps: true,
    guidance: {
      en: [
        "Check that the device uses the full address (user@domain) as the user name and the current password.",
        "If the password was changed or expired, enter the new one on the device; consider a service account whose password does not expire.",
      ],
      bg: [
        "Проверете дали устройството използва пълния адрес (user@domain) като потребителско име и текущата парола.",
        "Ако паролата е сменена или е изтекла, въведете новата на устройството; помислете за служебен акаунт с парола без срок на валидност.",
      ],
    },
  },
  "account-locked": {
    id: "account-locked",
    layer: "user",
    title: { en: "The account is locked", bg: "Акаунтът е заключен" },
    meaning: {
      en: "Entra ID smart lockout locked the account after too many failed sign-ins, often from a device retrying an old password.",
      bg: "Smart lockout в Entra ID заключи акаунта след твърде много неуспешни опити за вход, често от устройство, което опитва със стара парола.",
    },
    confirmFrom: "Reply '535 5.7.139 ... account locked'; sign-in error 50053",
    checkableFromState: false,
    fixStep: null,
    blocksAfterSteps: true,
    guidance: {
      en: [
        "Find and fix every device still using an old password, then wait for the lockout to expire or unlock the account.",
        "Check the sign-in logs for failures from unknown addresses: a lockout can also mean a password-spray attack.",
      ],
      bg: [
        "Открийте и коригирайте всички устройства, които още използват старата парола, след това изчакайте заключването да изтече или отключете акаунта.",
        "Проверете журналите за вход за неуспешни опити от непознати адреси: заключването може да означава и атака с пръскане на пароли (password spray).",
      ],
    },
  },
  "account-disabled": {
    id: "account-disabled",
    layer: "user",
    title: { en: "The account is disabled", bg: "Акаунтът е деактивиран" },
    meaning: {
      en: "The user's account is disabled in Entra ID (sign-in blocked), so no authentication can succeed.",
      bg: "Акаунтът на потребителя е деактивиран в Entra ID (входът е блокиран) и никакво удостоверяване не може да успее.",
    },
    confirmFrom: "Graph users/{id} accountEnabled = false; sign-in error 50057",
    checkableFromState: true,
    fixStep: null,
    blocksAfterSteps: true,
    guidance: {
      en: ["Confirm with the account's owner whether it should be in use; if so, allow sign-in for it in Entra ID."],
      bg: ["Уточнете със собственика на акаунта дали той трябва да се използва; ако да, разрешете входа за него в Entra ID."],
    },
  },
  "mailbox-not-found": {
    id: "mailbox-not-found",
    layer: "mailbox",
    title: { en: "The mailbox does not exist", bg: "Пощенската кутия не съществува" },
    meaning: {
      en: "Neither Exchange nor Entra ID knows the address the device signs in with.",
      bg: "Нито Exchange, нито Entra ID познават адреса, с който устройството се удостоверява.",
    },
    confirmFrom: "Get-CASMailbox and Graph users/{upn} both return not found",
    checkableFromState: true,
    fixStep: null,
    blocksAfterSteps: true,
    guidance: {
      en: ["Check the address for typos and whether the mailbox was renamed or deleted; a shared mailbox cannot sign in with SMTP AUTH."],
      bg: ["Проверете адреса за печатни грешки и дали кутията не е преименувана или изтрита; споделена пощенска кутия не може да се удостоверява със SMTP AUTH."],
    },
  },
  "mailbox-unlicensed": {
    id: "mailbox-unlicensed",
    layer: "mailbox",
    title: { en: "The user has no Exchange Online licence", bg: "Потребителят няма лиценз за Exchange Online" },
    meaning: {
      en: "SMTP AUTH client submission needs a licensed mailbox; this user has no enabled Exchange Online plan.",
      bg: "Изпращането чрез SMTP AUTH изисква лицензирана пощенска кутия, а този потребител няма активен план за Exchange Online.",
    },
    confirmFrom: "Graph users/{id} assignedPlans has no service 'exchange' with capabilityStatus 'Enabled'",
    checkableFromState: true,
    fixStep: null,
    blocksAfterSteps: true,
    guidance: {
      en: ["Assign a licence that includes Exchange Online, or send from a licensed service mailbox instead."],
      bg: ["Присвоете лиценз, който включва Exchange Online, или изпращайте от лицензирана служебна пощенска кутия."],
    },
  },
  "federated-sts-unreachable": {
    id: "federated-sts-unreachable",
    layer: "service",
    title: { en: "The federated sign-in service is unreachable", bg: "Федеративната услуга за вход е недостъпна" },
    meaning: {
      en: "The domain is federated (for example AD FS) and Microsoft 365 could not reach its token service to check the password.",
      bg: "Домейнът е федеративен (например AD FS) и Microsoft 365 не успя да се свърже с услугата за токени, за да провери паролата.",
    },
    confirmFrom: "Reply '535 5.7.139 ... federated STS service was unreachable'",
    checkableFromState: false,
    fixStep: null,
    blocksAfterSteps: true,
    guidance: {
      en: ["Check that the federation service (AD FS or the third-party identity provider) is up and reachable from the internet, and its certificates are valid."],
      bg: ["Проверете дали федеративната услуга (AD FS или външният доставчик на идентичност) работи и е достъпна от интернет, и дали сертификатите ѝ са валидни."],
    },
  },
} satisfies Record<string, CauseDefinition>;
