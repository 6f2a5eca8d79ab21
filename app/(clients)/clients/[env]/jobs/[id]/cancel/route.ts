import { cancelAssignJob } from "@/lib/clients/assign";
import { jobPostRoute } from "@/lib/clients/context";

export const POST = jobPostRoute(cancelAssignJob);
